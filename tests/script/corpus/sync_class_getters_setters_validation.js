class Limits {
  #cpu = 1;
  #mem = "128M";
  get cpu() { return this.#cpu; }
  set cpu(v) {
    if (typeof v !== "number" || v <= 0) throw new RangeError(`bad cpu: ${v}`);
    this.#cpu = v;
  }
  get memory() { return this.#mem; }
  set memory(v) { this.#mem = String(v).toUpperCase(); }
  toJSON() { return { cpu: this.#cpu, memory: this.#mem }; }
}
const l = new Limits();
l.cpu = 2.5;
l.memory = "512m";
console.log(JSON.stringify(l));
try { l.cpu = -1; } catch (e) { console.log(e.name, e.message); }
try { l.cpu = "4"; } catch (e) { console.log(e instanceof RangeError, e.message); }
console.log(l.cpu, Object.keys(l).length);
