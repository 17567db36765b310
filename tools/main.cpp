// seedance: the command-line tool. Checks request files before they cost money, estimates their cost,
// probes media files, and prints the models and their JSON Schemas. docs/cli.md is its manual; the
// commands, options and JSON shapes are a contract.
//
//   seedance check  [--format text|json] [--media URL=PATH]... [--media-dir DIR] [--pricing FILE] FILE...
//   seedance cost   [--format text|json] [--media URL=PATH]... [--media-dir DIR] [--pricing FILE] FILE...
//   seedance probe  [--format text|json] FILE...
//   seedance models [--format text|json]
//   seedance schema [MODEL_ID]
//   seedance serve  [--host H] [--port P] [--api-key KEY]... ... (docs/serve.md)
//
// Exit status: 0 every file valid (warnings allowed) / every probe succeeded; 1 some file invalid
// (`cost`: or not priced) or some probe failed; 2 usage error or a file that cannot be read.
//
// This file is the arguments (CLI11) and the dispatch only; each command is in a file of its own
// (commands.hpp), and every rendering is the library's (docs/design.md, "The tool").
#include <seedance/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "common.hpp"
#if SEEDANCE_TOOL_NETWORK
#include "serve_command.hpp"
#endif

int main(int argc, char** argv) {
  using namespace seedance_tool;
  CLI::App app{"seedance " SEEDANCE_VERSION_STRING ": check Seedance 2.0 video generation requests before they cost money"};
  // Before the subcommands are added: they copy it. Every message on stderr starts "seedance: ".
  app.failure_message([](const CLI::App* a, const CLI::Error& e) { return "seedance: " + CLI::FailureMessage::simple(a, e); });
  app.require_subcommand(1);
  app.set_version_flag("--version", SEEDANCE_VERSION_STRING);

  request_options check_opt, cost_opt;
  const auto add_request_options = [](CLI::App* cmd, request_options& o) {
    cmd->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--media", o.media.mappings, "URL=PATH: the request's media URL will be the local file PATH (probed and checked)")
        ->check([](const std::string& s) { return s.find('=') == std::string::npos ? std::string("expected URL=PATH") : std::string(); });
    cmd->add_option("--media-dir", o.media.dir, "map every media URL to DIR/<last path segment of the URL> when that file exists")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--pricing", o.pricing, "a pricing-rules feed (JSON) instead of the built-in table");
    cmd->add_flag("--strict", o.strict, "unknown_field and field_ignored are errors, as the provider's own validator has them");
    cmd->add_option("FILE", o.files, "request files (JSON); - reads standard input")->required();
  };
  CLI::App* check = app.add_subcommand("check", "validate request files (and estimate the valid ones)");
  add_request_options(check, check_opt);
  CLI::App* cost = app.add_subcommand("cost", "estimate the cost of request files");
  add_request_options(cost, cost_opt);

  std::string probe_format = "text";
  std::vector<std::string> probe_files;
  CLI::App* probe = app.add_subcommand("probe", "read size, duration, fps and format from media file headers");
  probe->add_option("--format", probe_format, "text or json")->check(CLI::IsMember({"text", "json"}));
  probe->add_option("FILE", probe_files, "media files; - reads standard input")->required();

  std::string models_format = "text";
  CLI::App* models = app.add_subcommand("models", "the models and their capabilities");
  models->add_option("--format", models_format, "text or json")->check(CLI::IsMember({"text", "json"}));

  std::string schema_id;
  CLI::App* schema = app.add_subcommand("schema", "the JSON Schema of one model's request body, or of every model keyed by id");
  CLI::Option* schema_id_opt = schema->add_option("MODEL_ID", schema_id, "a model id (seedance models lists them)");

#if SEEDANCE_TOOL_NETWORK  // submit, task, serve: built unless -DSEEDANCE_TOOL_NETWORK=OFF
  const auto add_network_options = [](CLI::App* cmd, network_options& o) {
    cmd->add_option("--base-url", o.base_url, "the API's base URL (default: SEEDANCE_BASE_URL, else https://api.evolink.ai)");
    cmd->add_option("--api-key", o.api_key, "the API key (default: SEEDANCE_API_KEY, else EVOLINK_API_KEY); never printed");
    cmd->add_option("--ca-file", o.ca_file, "trust the certificates of this PEM file instead of the system's")->check(CLI::ExistingFile);
    cmd->add_option("--timeout", o.timeout_seconds, "seconds per HTTP call (default 30)")->check(CLI::PositiveNumber);
    cmd->add_flag("--wait", o.wait, "wait until each task ends (progress on standard error)");
    cmd->add_option("--deadline", o.deadline_seconds, "with --wait: give up after this many seconds (exit 5)")->check(CLI::PositiveNumber);
    cmd->add_option("--download", o.download, "write each completed task's results into DIR (implies --wait)");
  };
  submit_options_cli submit_opt;
  CLI::App* submit = app.add_subcommand("submit", "validate, estimate and send request files (never twice: see docs/client.md)");
  add_network_options(submit, submit_opt.net);
  submit->add_option("--format", submit_opt.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  submit->add_option("--max-credits", submit_opt.max_credits, "refuse, before sending, a request whose estimate could pass N credits");
  submit->add_option("--idempotency-key", submit_opt.idempotency_key,
                     "the key of this request (one FILE only); default: a fresh random key");
  submit
      ->add_option("--media", submit_opt.media.mappings,
                   "URL=PATH: the request's media URL will be the local file PATH (probed and checked)")
      ->check([](const std::string& s) { return s.find('=') == std::string::npos ? std::string("expected URL=PATH") : std::string(); });
  submit->add_flag("--strict", submit_opt.strict, "unknown_field and field_ignored are errors");
  submit->add_option("FILE", submit_opt.files, "request files (JSON); - reads standard input")->required();
  task_options_cli task_opt;
  CLI::App* task = app.add_subcommand("task", "read tasks by id (and wait for them)");
  add_network_options(task, task_opt.net);
  task->add_option("--format", task_opt.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  task->add_option("ID", task_opt.ids, "task ids")->required();

  seedance_tool::serve_command serve(app);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);  // prints help/version (rc 0) or the error
    return rc == 0 ? exit_ok : exit_usage;
  }
  // Standard input can be read once.
  std::vector<const std::vector<std::string>*> inputs{&check_opt.files, &cost_opt.files, &probe_files};
#if SEEDANCE_TOOL_NETWORK
  inputs.push_back(&submit_opt.files);
#endif
  for (const std::vector<std::string>* files : inputs) {
    if (std::count(files->begin(), files->end(), "-") > 1) {
      std::cerr << "seedance: standard input given more than once (-)\n";
      return exit_usage;
    }
  }
  int rc = exit_usage;
  try {
    if (check->parsed()) rc = run_check(check_opt, false);
    else if (cost->parsed()) rc = run_check(cost_opt, true);
    else if (probe->parsed()) rc = run_probe(probe_format, probe_files);
    else if (models->parsed()) rc = run_models(models_format);
    else if (schema->parsed()) rc = run_schema(schema_id_opt->count() > 0 ? std::optional<std::string>(schema_id) : std::nullopt);
#if SEEDANCE_TOOL_NETWORK
    else if (submit->parsed()) rc = run_submit(submit_opt);
    else if (task->parsed()) rc = run_task(task_opt);
    else if (serve.parsed()) rc = serve.run();
#endif
  } catch (const std::exception& e) {
    std::cerr << "seedance: " << e.what() << "\n";
    return exit_usage;
  }
  // Output that did not reach its destination (a full disk, a closed pipe) is a failure: a CI step
  // must not pass on an empty or cut report.
  std::cout.flush();
  if (!std::cout || std::ferror(stdout) != 0 || std::fflush(stdout) != 0) {
    std::cerr << "seedance: cannot write the output to standard output: " << std::strerror(errno != 0 ? errno : EIO) << "\n";
    return exit_usage;
  }
  return rc;
}
