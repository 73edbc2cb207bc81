#include "server/script/lowering/lower.h"

#include "common/status_macros.h"
#include "server/script/lowering/ast.h"
#include "server/script/lowering/edit_buffer.h"
#include "server/script/lowering/lowerer.h"
#include "server/script/lowering/parser.h"
#include "server/script/lowering/scope_analyzer.h"
#include "server/script/lowering/source_file.h"

namespace runy::script {

absl::StatusOr<std::string> Lower(absl::string_view source,
                                  absl::string_view file_name) {
  return Lower(source, file_name, LowerOptions());
}

absl::StatusOr<std::string> Lower(absl::string_view source,
                                  absl::string_view file_name,
                                  const LowerOptions& options) {
  SourceFile file(source, file_name);
  Ast ast;
  Parser parser(file, &ast, options.memory_limit);
  RUNY_ASSIGN_OR_RETURN(Node * program, parser.ParseProgram());
  ScopeAnalyzer scopes(file);
  RUNY_RETURN_IF_ERROR(scopes.Analyze(program));
  EditBuffer edits(source);
  Lowerer lowerer(file, &edits);
  RUNY_RETURN_IF_ERROR(lowerer.LowerProgram(program, options.module_scope));
  return edits.Apply();
}

}  // namespace runy::script
