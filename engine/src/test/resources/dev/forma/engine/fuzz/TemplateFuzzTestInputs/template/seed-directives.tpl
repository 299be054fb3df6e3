%{ for i, x in list ~}
- ${i}: ${x}
%{ endfor ~}
%{ if flag }yes%{ else }no%{ endif }
