// How large the moov box of a stream-copied MP4 can get, to reserve its space.
#ifndef SB_MP4_MOOV_ESTIMATE_HPP
#define SB_MP4_MOOV_ESTIMATE_HPP

#include "input_media.hpp"
#include "stream_plan.hpp"

#include <cstdint>
#include <optional>

namespace sb::mp4 {

// An upper bound of the output's moov size in bytes when every mapped stream is
// copied and the input's index says how many samples each has; nullopt
// otherwise (then the muxer's faststart pass moves moov to the front).
std::optional<std::int64_t> moov_size_bound(const InputMedia &input, const StreamPlan &plan);

} // namespace sb::mp4

#endif // SB_MP4_MOOV_ESTIMATE_HPP
