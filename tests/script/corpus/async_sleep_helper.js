const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
async function run() {
  console.log("start");
  await sleep(20);
  console.log("after 20");
  await sleep(5);
  console.log("after 25");
}
run().then(() => console.log("done"));
