#!/usr/bin/env node
const hb = () => 'hashbang ok';
console.log(hb());
