#include "moov_estimate.hpp"

namespace sb::mp4 {

std::optional<std::int64_t> moov_size_bound(const InputMedia &, const StreamPlan &) { return std::nullopt; }

} // namespace sb::mp4
