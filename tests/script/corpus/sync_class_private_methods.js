class Parser {
  #pos = 0;
  constructor(text) { this.text = text; }
  #peek() { return this.text[this.#pos]; }
  #next() { return this.text[this.#pos++]; }
  get #done() { return this.#pos >= this.text.length; }
  words() {
    const out = [];
    let cur = "";
    while (!this.#done) {
      const ch = this.#next();
      if (ch === " ") { if (cur) out.push(cur); cur = ""; } else cur += ch;
    }
    if (cur) out.push(cur);
    return out;
  }
}
console.log(new Parser("run the  build").words());
