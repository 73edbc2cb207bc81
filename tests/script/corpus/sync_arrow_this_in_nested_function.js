const obj = {
  name: "obj",
  run: function () {
    const arrow = () => {
      function plain() { return typeof this === "object" && this !== null ? "global-ish" : String(this); }
      return this.name + "/" + (plain.call("s") === "s" ? "call-this" : "other");
    };
    return arrow();
  },
};
console.log(obj.run());
