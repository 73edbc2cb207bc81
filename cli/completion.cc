// runy completion bash|zsh|fish: shell completion scripts. Names come from
// the daemon through the hidden `runy __names` (never starting a daemon).
#include <cstdio>
#include <string>

#include "cli/commands.h"

namespace runy::cli {
namespace {

constexpr char kBash[] =
    R"SH(# runy completion for bash: eval "$(runy completion bash)"
_runy() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --host) ((i++)) ;;
      -*) ;;
      *) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "@COMMANDS@ --host --json --no-autostart --help --version" -- "$cur"))
    return
  fi
  case $cmd in
    start|stop|restart|status|logs)
      if [[ $cur == -* ]]; then
        case $cmd in
          logs) COMPREPLY=($(compgen -W "-f --follow -n --tail --since --stdout --stderr --system -t --timestamps --help" -- "$cur")) ;;
          start|restart) COMPREPLY=($(compgen -W "--all --no-wait --help" -- "$cur")) ;;
          stop) COMPREPLY=($(compgen -W "--all --help" -- "$cur")) ;;
        esac
      else
        COMPREPLY=($(compgen -W "$(runy __names 2>/dev/null)" -- "$cur"))
        [[ $cmd == start ]] && COMPREPLY+=($(compgen -f -X '!*.js' -- "$cur"))
      fi ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
  esac
}
complete -F _runy runy
)SH";

constexpr char kZsh[] = R"SH(#compdef runy
# runy completion for zsh: eval "$(runy completion zsh)"
_runy() {
  local -a commands
  commands=(@COMMANDS@)
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case ${words[2]} in
    start|stop|restart|status|logs)
      local -a names
      names=(${(f)"$(runy __names 2>/dev/null)"})
      _describe 'name' names
      [[ ${words[2]} == start ]] && _files -g '*.js' ;;
    completion) _values 'shell' bash zsh fish ;;
  esac
}
compdef _runy runy
)SH";

constexpr char kFish[] =
    R"SH(# runy completion for fish: runy completion fish | source
complete -c runy -f
complete -c runy -n "__fish_use_subcommand" -a "@COMMANDS@"
complete -c runy -n "__fish_seen_subcommand_from start stop restart status logs" -a "(runy __names 2>/dev/null)"
complete -c runy -n "__fish_seen_subcommand_from start" -F -a "*.js"
complete -c runy -n "__fish_seen_subcommand_from logs" -s f -l follow -d "follow new lines"
complete -c runy -n "__fish_seen_subcommand_from logs" -s n -l tail -r -d "last N lines"
complete -c runy -n "__fish_seen_subcommand_from completion" -a "bash zsh fish"
complete -c runy -l host -r -d "unix:///path or tcp://host:port"
complete -c runy -l json -d "JSON output"
)SH";

void Print(const char* script) {
  std::string commands;
  for (const Command& c : Commands()) {
    if (!commands.empty()) commands += ' ';
    commands += c.name;
  }
  std::string out = script;
  size_t at = out.find("@COMMANDS@");
  if (at != std::string::npos) out.replace(at, 10, commands);
  std::fputs(out.c_str(), stdout);
}

}  // namespace

int RunCompletion(const GlobalOptions&, const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0] == "--help" || args[0] == "-h") {
    std::fprintf(
        args.size() == 1 ? stdout : stderr,
        "usage: runy completion bash|zsh|fish\n\n"
        "  bash:  eval \"$(runy completion bash)\"   (e.g. in ~/.bashrc)\n"
        "  zsh:   eval \"$(runy completion zsh)\"    (e.g. in ~/.zshrc)\n"
        "  fish:  runy completion fish | source\n");
    return args.size() == 1 ? kExitOk : kExitUsage;
  }
  if (args[0] == "bash") {
    Print(kBash);
  } else if (args[0] == "zsh") {
    Print(kZsh);
  } else if (args[0] == "fish") {
    Print(kFish);
  } else {
    std::fprintf(stderr,
                 "runy completion: unknown shell \"%s\" (bash, zsh or fish)\n",
                 args[0].c_str());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace runy::cli
