const Named = class Inner { who() { return Inner.name; } };
const Anon = class {};
const factory = (base) => class extends base { extra() { return "extra"; } };
const Mixed = factory(Named);
console.log(Named.name, new Named().who(), Anon.name, Mixed.name);
console.log(new Mixed().who(), new Mixed().extra());
