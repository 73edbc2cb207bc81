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

}  // namespace runy::script
