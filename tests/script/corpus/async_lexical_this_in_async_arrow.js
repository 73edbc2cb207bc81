function Service(name) {
  this.name = name;
  this.start = async () => {
    await null;
    return `started ${this.name}`;
  };
}
new Service("web").start().then(console.log);
