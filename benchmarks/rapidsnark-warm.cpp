// Warm rapidsnark: its library (groth16_prover from prover.h) called RUNS times in one process on
// the .zkey and .wtns held in memory (read once), like benchmarks/snarkjs-warm.cjs does for snarkjs.
// Built by benchmarks/compare-snarkjs.sh against a rapidsnark build the user points it to
// (RAPIDSNARK_DIR); rapidsnark itself is never vendored here. Prints each run, best and median,
// writes the last proof; CPU time per run too (getrusage, all threads). Not a test.
//
// Usage: rapidsnark-warm <key.zkey> <witness.wtns> <proof.json> <public.json> <runs>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "prover.h"

// CPU seconds of this process so far (all threads: rapidsnark proves with OpenMP)
static double cpuSeconds() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static double medianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static std::vector<char> slurp(const char *path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(1);
  }
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int main(int argc, char **argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s <zkey> <wtns> <proof.json> <public.json> <runs>\n", argv[0]);
    return 2;
  }
  int runs = std::atoi(argv[5]);
  auto t0 = std::chrono::steady_clock::now();
  std::vector<char> zkey = slurp(argv[1]);
  std::vector<char> wtns = slurp(argv[2]);
  std::printf("rapidsnark (library) read zkey + wtns: %.3f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::vector<char> proof(1 << 16), pub(1 << 20);
  char err[1024];
  std::vector<double> times, cpus;
  unsigned long proofSize = 0, pubSize = 0;
  for (int i = 0; i < runs; i++) {
    proofSize = proof.size();
    pubSize = pub.size();
    auto s = std::chrono::steady_clock::now();
    double c = cpuSeconds();
    int rc = groth16_prover(zkey.data(), zkey.size(), wtns.data(), wtns.size(), proof.data(), &proofSize,
                            pub.data(), &pubSize, err, sizeof err);
    double e = std::chrono::duration<double>(std::chrono::steady_clock::now() - s).count();
    if (rc != PROVER_OK) {
      std::fprintf(stderr, "rapidsnark prove failed (%d): %s\n", rc, err);
      return 1;
    }
    double cpu = cpuSeconds() - c;
    times.push_back(e);
    cpus.push_back(cpu);
    std::printf("rapidsnark (library) prove run %d: %.3f s (cpu %.3f s)\n", i + 1, e, cpu);
  }
  std::printf("rapidsnark (library) prove best: %.3f s\n", *std::min_element(times.begin(), times.end()));
  std::printf("rapidsnark (library) prove median: %.3f s\n", medianOf(times));
  std::printf("rapidsnark (library) prove median cpu: %.3f s\n", medianOf(cpus));
  std::ofstream(argv[3]) << std::string(proof.data());
  std::ofstream(argv[4]) << std::string(pub.data());
  return 0;
}
