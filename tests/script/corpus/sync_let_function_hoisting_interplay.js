function run() {
  console.log(helper());
  {
    let helperValue = 5;
    console.log(helperValue);
  }
  function helper() { return "hoisted"; }
}
run();
