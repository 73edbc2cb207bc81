async function main() {
  const results = await Promise.allSettled([
    Promise.resolve(1),
    Promise.reject(new Error("no")),
    new Promise(r => setTimeout(() => r(3), 5)),
  ]);
  results.forEach(r => console.log(r.status, r.status === "fulfilled" ? r.value : r.reason.message));
}
main();
