const routes = [
  ["GET", /^\/units\/(?<name>[\w-]+)$/, "show"],
  ["POST", /^\/units\/(?<name>[\w-]+)\/(?<action>start|stop|restart)$/, "act"],
  ["GET", /^\/logs\/(?<name>\w+)(?:\/(?<lines>\d+))?$/, "logs"],
];
function route(method, path) {
  for (const [m, re, handler] of routes) {
    if (m !== method) continue;
    const match = re.exec(path);
    if (match) return `${handler}(${Object.entries(match.groups).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(",")})`;
  }
  return "404";
}
console.log(route("GET", "/units/web-1"));
console.log(route("POST", "/units/db/restart"));
console.log(route("GET", "/logs/web"), route("GET", "/logs/web/50"));
console.log(route("DELETE", "/units/x"), route("POST", "/units/x/kill"));
const { groups: { major, minor } } = /v(?<major>\d+)\.(?<minor>\d+)/.exec("runy v2.14");
console.log(+major + +minor);
