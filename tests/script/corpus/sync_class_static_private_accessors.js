class Settings {
  static #store = { level: "info" };
  static get #level() { return this.#store.level; }
  static set #level(v) { this.#store.level = v.toLowerCase(); }
  static #validate(v) { return ["debug", "info", "warn"].includes(v.toLowerCase()); }
  static setLevel(v) { if (!Settings.#validate(v)) return false; Settings.#level = v; return true; }
  static get level() { return Settings.#level; }
  static #counter = 0;
  static next() { return ++Settings.#counter; }
}
console.log(Settings.level, Settings.setLevel("WARN"), Settings.level);
console.log(Settings.setLevel("loud"), Settings.level);
console.log(Settings.next(), Settings.next(), Settings.next());
class Sub extends Settings {}
console.log(Sub.level, typeof Sub.next);
try { Sub.next(); } catch (e) { console.log(e instanceof TypeError); }
