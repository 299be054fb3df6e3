#!/bin/bash
echo "$${HOME}" %%{literal}
${upper(name)} ${jsonencode({a = list})}
