class Token {
  #value;
  static #created = 0;
  constructor(v) { this.#value = v; Token.#created++; }
  static isToken(o) { return #value in o; }
  static equals(a, b) { return a.#value === b.#value; }
  static get created() { return Token.#created; }
  #mask() { return "*".repeat(this.#value.length - 2) + this.#value.slice(-2); }
  toString() { return this.#mask(); }
}
const a = new Token("secret42"), b = new Token("secret42");
console.log(Token.isToken(a), Token.isToken({}), Token.isToken([]));
console.log(Token.equals(a, b), Token.created);
console.log(`${a}`, String(b).length);
try { Token.equals(a, {}); } catch (e) { console.log(e instanceof TypeError); }
