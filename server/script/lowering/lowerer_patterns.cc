// Destructuring of Lowerer: a pattern becomes the list of plain assignments
// it stands for, reading the value once through temporaries.
//
//   const {a, b: [c, d = 1], ...r} = obj;
// becomes
//   var __runy_d1 = __runy.need(obj), a = __runy_d1.a,
//       __runy_d2 = __runy.take(__runy_d1.b, 2), c = __runy_d2[0],
//       __runy_d3 = __runy_d2[1], d = __runy_d3 === void 0 ? (1) : __runy_d3,
//       r = __runy.rest(__runy_d1, ["a", "b"]);
//
// In a declaration, parameter or catch clause the temporaries are declared
// beside the names; an assignment expression ([a, b] = [b, a]) declares them
// as vars of the frame and yields the value assigned.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "server/script/lowering/literal_text.h"
#include "server/script/lowering/lowerer.h"
#include "server/script/lowering/scope_analyzer.h"

namespace runy::script {

std::string Lowerer::NewTemp(bool declared_here) {
  std::string name = absl::StrCat("__runy_d", ++temps_);
  if (!declared_here) frames_.back().temps.push_back(name);
  return name;
}

absl::Status Lowerer::Destructure(Node* target, const std::string& value,
                                  bool declaring,
                                  std::vector<std::string>* out) {
  switch (target->kind) {
    case NodeKind::kIdentifier: {
      if (!declaring && target->binding != nullptr &&
          target->binding->IsConstant()) {
        out->push_back(
            absl::StrCat("__runy.constAssign(\"", target->text, "\")"));
        return absl::OkStatus();
      }
      out->push_back(absl::StrCat(OutputName(target), " = ", value));
      return absl::OkStatus();
    }
    case NodeKind::kAssign: {
      std::string raw = NewTemp(declaring);
      out->push_back(absl::StrCat(raw, " = ", value));
      std::string name;
      if (target->left->kind == NodeKind::kIdentifier) {
        name = absl::StrCat("\"", target->left->text, "\"");
      }
      RUNY_ASSIGN_OR_RETURN(std::string fallback, Render(target->right, name));
      return Destructure(
          target->left,
          absl::StrCat(raw, " === void 0 ? (", fallback, ") : ", raw),
          declaring, out);
    }
    case NodeKind::kArray: {
      const std::vector<Node*>& elements = target->list;
      bool rest = !elements.empty() && elements.back() != nullptr &&
                  elements.back()->kind == NodeKind::kSpread;
      std::string items = NewTemp(declaring);
      out->push_back(absl::StrCat(items, " = __runy.take(", value, ", ",
                                  rest ? -1 : static_cast<int>(elements.size()),
                                  ")"));
      for (size_t i = 0; i < elements.size(); ++i) {
        Node* element = elements[i];
        if (element == nullptr) continue;
        if (element->kind == NodeKind::kSpread) {
          RUNY_RETURN_IF_ERROR(Destructure(
              element->argument, absl::StrCat(items, ".slice(", i, ")"),
              declaring, out));
        } else {
          RUNY_RETURN_IF_ERROR(Destructure(
              element, absl::StrCat(items, "[", i, "]"), declaring, out));
        }
      }
      return absl::OkStatus();
    }
    case NodeKind::kObject: {
      std::string object = NewTemp(declaring);
      out->push_back(absl::StrCat(object, " = __runy.need(", value, ")"));
      std::vector<std::string> keys;
      for (Node* prop : target->list) {
        if (prop->kind == NodeKind::kSpread) {
          RUNY_RETURN_IF_ERROR(
              Destructure(prop->argument,
                          absl::StrCat("__runy.rest(", object, ", [",
                                       absl::StrJoin(keys, ", "), "])"),
                          declaring, out));
          continue;
        }
        Node* key = prop->left;
        std::string read;
        if (prop->computed) {
          std::string k = NewTemp(declaring);
          RUNY_ASSIGN_OR_RETURN(std::string key_text, Render(key, ""));
          out->push_back(absl::StrCat(k, " = __runy.key(", key_text, ")"));
          read = absl::StrCat(object, "[", k, "]");
          keys.push_back(k);
        } else if (key->kind == NodeKind::kIdentifier) {
          read = absl::StrCat(object, ".", key->text);
          keys.push_back(absl::StrCat("\"", key->text, "\""));
        } else if (key->text[0] == '"' || key->text[0] == '\'') {
          RUNY_ASSIGN_OR_RETURN(
              std::string lit,
              StringLiteralToEs5(key->text, file_, key->start));
          read = absl::StrCat(object, "[", lit, "]");
          keys.push_back(lit);
        } else {
          std::string number = NumberToEs5(key->text);
          read = absl::StrCat(object, "[", number, "]");
          keys.push_back(absl::StrCat("String(", number, ")"));
        }
        RUNY_RETURN_IF_ERROR(Destructure(prop->right, read, declaring, out));
      }
      return absl::OkStatus();
    }
    case NodeKind::kParen:
      if (target->argument != nullptr) {
        return Destructure(target->argument, value, declaring, out);
      }
      break;
    case NodeKind::kMember: {
      if (target->left->kind == NodeKind::kSuper) {
        return file_.Error(target->start,
                           "assignment to a super property is not supported");
      }
      if (target->right->kind == NodeKind::kPrivateName) {
        RUNY_ASSIGN_OR_RETURN(std::string object, Render(target->left, ""));
        out->push_back(absl::StrCat("__runy.pset(", object, ", ",
                                    PrivateVar(target->right), ", ", value,
                                    ")"));
        return absl::OkStatus();
      }
      RUNY_ASSIGN_OR_RETURN(std::string text, Render(target, ""));
      out->push_back(absl::StrCat(text, " = ", value));
      return absl::OkStatus();
    }
    default:
      break;
  }
  return file_.Error(target->start, "Invalid destructuring target");
}

absl::Status Lowerer::VisitPatternDeclarator(Node* declarator,
                                             bool for_in_head) {
  if (for_in_head || declarator->init == nullptr) {
    return file_.Error(declarator->start,
                       "destructuring in a for-in head is not supported");
  }
  RUNY_ASSIGN_OR_RETURN(std::string init, Render(declarator->init, ""));
  std::vector<std::string> steps;
  RUNY_RETURN_IF_ERROR(Destructure(declarator->id, init, true, &steps));
  edits_->Replace(declarator->start, declarator->end,
                  absl::StrJoin(steps, ", "));
  return absl::OkStatus();
}

absl::Status Lowerer::VisitPatternAssignment(Node* assign) {
  RUNY_ASSIGN_OR_RETURN(std::string value, Render(assign->right, ""));
  std::string result = NewTemp(false);
  std::vector<std::string> steps = {absl::StrCat(result, " = ", value)};
  RUNY_RETURN_IF_ERROR(Destructure(assign->left, result, false, &steps));
  steps.push_back(result);
  edits_->Replace(assign->start, assign->end,
                  absl::StrCat("(", absl::StrJoin(steps, ", "), ")"));
  return absl::OkStatus();
}

absl::Status Lowerer::VisitCatch(Node* handler) {
  std::string param =
      handler->id != nullptr && handler->id->kind == NodeKind::kIdentifier
          ? OutputName(handler->id)
          : "__runy_e";
  // In a generator, gen.return() unwinds the body with an exception that
  // its catch clauses pass on (its finally clauses run).
  std::string rethrow =
      frames_.back().generator && arrow_depth_ == 0
          ? absl::StrCat("__runy.rethrowReturn(", param, "); ")
          : "";
  if (handler->id == nullptr) {
    edits_->InsertOpening(handler->body->start, depth_, "(__runy_e) ");
  } else if (handler->id->kind != NodeKind::kIdentifier) {
    std::vector<std::string> steps;
    RUNY_RETURN_IF_ERROR(Destructure(handler->id, "__runy_e", true, &steps));
    edits_->Replace(handler->id->start, handler->id->end, "__runy_e");
    absl::StrAppend(&rethrow, "var ", absl::StrJoin(steps, ", "), "; ");
  }
  if (!rethrow.empty()) {
    edits_->InsertOpening(handler->body->start + 1, depth_, std::move(rethrow));
  }
  return Visit(handler->body);
}

}  // namespace runy::script
