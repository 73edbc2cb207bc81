console.log("a\tb", 'it\'s', "line\\n", "\x41\u0042");
