const team = {
  name: "core",
  members: ["ann", "bob"],
  list() {
    return this.members.map(m => `${m}@${this.name}`);
  },
};
console.log(team.list().join(" "));
