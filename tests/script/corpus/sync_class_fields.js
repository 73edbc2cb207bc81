class Config {
  host = "127.0.0.1";
  port = 8080;
  url = `http://${this.host}:${this.port}`;
  handlers = [];
  onReady = () => this.handlers.length;
}
const c = new Config();
c.handlers.push(1, 2);
console.log(c.url, c.onReady(), c.onReady.name, Object.keys(c));
const other = new Config();
console.log(other.handlers.length, c.handlers !== other.handlers);
