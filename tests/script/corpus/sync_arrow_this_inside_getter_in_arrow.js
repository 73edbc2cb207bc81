function Make() {
  this.k = "made";
  const build = () => ({ get k() { return "getter"; }, own: this.k });
  return build();
}
const r = new Make();
console.log(r.k, r.own);
