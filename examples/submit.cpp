// Submits one text-to-video request with a budget, waits for it and downloads the result.
//
//   SEEDANCE_BASE_URL=http://127.0.0.1:PORT SEEDANCE_API_KEY=KEY submit [DIRECTORY]
//
// The base URL is required on purpose: this example never defaults to the paid API. Against a
// local `seedance serve`, everything happens offline.
#include <seedance/beast_transport.hpp>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  const char* base = std::getenv("SEEDANCE_BASE_URL");
  const char* key = std::getenv("SEEDANCE_API_KEY");
  if (base == nullptr || key == nullptr) {
    std::cerr << "set SEEDANCE_BASE_URL and SEEDANCE_API_KEY (for example a local `seedance serve`)\n";
    return 2;
  }
  seedance::client_options options;
  options.base_url = base;
  options.api_key = key;
  seedance::client client(options, seedance::beast_transport{});

  const nlohmann::json body = {{"model", "seedance-2.0-fast-text-to-video"}, {"prompt", "a paper boat on a rainy street"}, {"duration", 5}};
  seedance::submit_options so;
  so.max_credits = seedance::decimal(200);  // refused before sending if the estimate could pass it
  const seedance::submit_result created = client.submit(body, so);
  if (created.status != seedance::submit_status::created) {
    // outcome_unknown: look the task up, or resubmit with created.idempotency_key only.
    std::cerr << seedance::to_string(created.status) << ": " << created.message << "\n";
    return created.status == seedance::submit_status::outcome_unknown ? 3 : 1;
  }
  std::cout << "created " << *created.task->id << ", estimated " << created.estimate->max.credits.to_string() << " credits\n";

  seedance::wait_options wo;
  wo.on_progress = [](const seedance::video_task& t) { std::cerr << t.status_text << " " << t.progress.value_or(0) << "%\n"; };
  const seedance::task_result done = client.wait(*created.task->id, wo);
  if (done.status != seedance::task_read_status::ok || done.task->status != seedance::task_status::completed) {
    std::cerr << "the task did not complete: " << done.message << "\n";
    return 1;
  }
  const seedance::download_result files = client.download(*done.task, argc > 1 ? argv[1] : ".");
  for (const auto& f : files.files) std::cout << (f.ok ? "wrote " + f.file.string() : "failed " + f.url + ": " + f.message) << "\n";
  return files.ok ? 0 : 1;
}
