const tree = {
  value: 1,
  children: [{ value: 2, children: [] }, { value: 3, children: [{ value: 4, children: [] }] }],
  *walk(node = this) {
    yield node.value;
    for (const child of node.children) yield* this.walk(child);
  },
};
console.log([...tree.walk()]);
class Deck {
  constructor(cards) { this.cards = cards; }
  *[Symbol.iterator]() { for (const c of this.cards) yield c.toUpperCase(); }
  static *suits() { yield* ["hearts", "spades"]; }
}
console.log([...new Deck(["a", "k"])], [...Deck.suits()]);
