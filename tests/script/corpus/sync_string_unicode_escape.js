console.log("\u{41}\u{1F600}".length, '\u{48}i', "\u0041");
