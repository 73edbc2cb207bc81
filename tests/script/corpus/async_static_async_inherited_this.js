class Model {
  static table = "models";
  static async find(id) { await null; return new this(id, this.table); }
  static async findAll(...ids) { return Promise.all(ids.map((id) => this.find(id))); }
  constructor(id, table) { this.id = id; this.table = table; }
  async describe() { await null; return `${this.constructor.name}#${this.id}@${this.table}`; }
}
class User extends Model {
  static table = "users";
  async describe() { return `user:${await super.describe()}`; }
}
(async () => {
  const u = await User.find(7);
  console.log(u instanceof User, await u.describe());
  const ms = await Model.findAll(1, 2);
  console.log((await Promise.all(ms.map((m) => m.describe()))).join(" "));
  const [a, b] = await User.findAll(3, 4);
  console.log(await a.describe(), b.table);
})();
