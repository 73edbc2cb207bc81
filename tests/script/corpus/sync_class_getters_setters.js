class Temperature {
  #celsius = 0;
  get fahrenheit() { return this.#celsius * 9 / 5 + 32; }
  set fahrenheit(f) { this.#celsius = (f - 32) * 5 / 9; }
  get celsius() { return this.#celsius; }
}
const t = new Temperature();
t.fahrenheit = 212;
console.log(t.celsius, t.fahrenheit);
const d = Object.getOwnPropertyDescriptor(Temperature.prototype, "fahrenheit");
console.log(typeof d.get, typeof d.set, d.enumerable, d.configurable);
