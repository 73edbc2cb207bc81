class Stats {
  #hits = 0;
  #bytes = 0;
  #tags = "";
  record(n) { this.#hits++; ++this.#hits; this.#hits--; this.#bytes += n; this.#bytes *= 1; this.#tags += n > 100 ? "L" : "s"; return this; }
  reset() { const old = this.#hits; this.#hits = 0; return old; }
  get summary() { return `${this.#hits} hits, ${this.#bytes}B, ${this.#tags}`; }
  static merge(a, b) { const s = new Stats(); s.#hits = a.#hits + b.#hits; s.#bytes = a.#bytes + b.#bytes; s.#tags = a.#tags + b.#tags; return s; }
}
const a = new Stats().record(50).record(500);
const b = new Stats().record(7);
console.log(a.summary);
console.log(Stats.merge(a, b).summary);
console.log(a.reset(), a.summary);
let post; const c = new Stats();
class Peek { #v = 5; bump() { post = this.#v++; return [post, this.#v, ++this.#v, this.#v -= 2, this.#v **= 2]; } }
console.log(new Peek().bump().join(","));
