console.log(`` === "", `${""}` === "", typeof `${1}`);
