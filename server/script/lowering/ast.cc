#include "server/script/lowering/ast.h"

namespace runy::script {

void ForEachChild(Node* node, absl::FunctionRef<void(Node*)> fn) {
  for (Node* child : {node->id, node->init, node->test, node->update,
                      node->left, node->right, node->argument}) {
    if (child != nullptr) fn(child);
  }
  for (Node* child : node->list) {
    if (child != nullptr) fn(child);
  }
  for (Node* child : node->list2) {
    if (child != nullptr) fn(child);
  }
  for (Node* child : {node->consequent, node->alternate, node->body,
                      node->handler, node->finalizer}) {
    if (child != nullptr) fn(child);
  }
}

void ForEachBoundName(Node* target, absl::FunctionRef<void(Node*)> fn) {
  switch (target->kind) {
    case NodeKind::kIdentifier:
      fn(target);
      return;
    case NodeKind::kAssign:
      ForEachBoundName(target->left, fn);
      return;
    case NodeKind::kSpread:
      ForEachBoundName(target->argument, fn);
      return;
    case NodeKind::kArray:
      for (Node* element : target->list) {
        if (element != nullptr) ForEachBoundName(element, fn);
      }
      return;
    case NodeKind::kObject:
      for (Node* prop : target->list) {
        ForEachBoundName(prop->kind == NodeKind::kSpread ? prop : prop->right,
                         fn);
      }
      return;
    default:
      return;
  }
}

}  // namespace runy::script
