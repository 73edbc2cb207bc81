function Timer() {
  this.ticks = 0;
  const tick = () => { this.ticks++; };
  tick(); tick();
}
console.log(new Timer().ticks);
