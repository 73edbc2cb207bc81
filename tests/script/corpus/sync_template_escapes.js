console.log(`tab\there`, `quote " and ' and \``, `backslash \\ end`);
console.log(`dollar $ alone, $notbrace, \${escaped}`, `brace } and {`);
console.log(`newline\nescape`, `unicode \u0041 \u{1F600} \x41`);
