var log = []
log.push("a")
;(() => log.push("b"))()
console.log(log.join(""))
