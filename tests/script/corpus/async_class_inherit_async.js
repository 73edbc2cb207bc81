class Base { async load() { return ["base"]; } }
class Child extends Base {
  async load() { const up = await super.load(); return [...up, "child"]; }
}
new Child().load().then((r) => console.log(r));
