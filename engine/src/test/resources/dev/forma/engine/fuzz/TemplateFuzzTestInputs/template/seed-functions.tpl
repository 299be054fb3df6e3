${templatefile("greeting.tpl", {name = name, list = list})}
${file("hello.txt")}
