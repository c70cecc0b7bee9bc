// Fixture plugins that a host must refuse, one per compile definition:
//   FIXTURE_WRONG_MAJOR    ABI major + 1
//   FIXTURE_NEWER_MINOR    ABI minor + 1 (built against a newer host)
//   FIXTURE_NO_ENTRY       exports no sb_plugin_entry at all
//   FIXTURE_BAD_OPTION     declares an option that clashes with a host option (--workers)
//   FIXTURE_DUPLICATE      claims the sub-command of fixture_copy ("fixture-copy")
#include <sb/converter.hpp>

namespace {

class Nothing final : public sb::sdk::Converter {
public:
    void convert(const sb::sdk::Job &) override { throw sb::sdk::Error("must never run"); }
};

constexpr const char *kExtensions[] = {".txt", nullptr};
#ifdef FIXTURE_BAD_OPTION
constexpr sb_option_desc kOptions[] = {sb::sdk::int_option("workers", nullptr, "Clashes with the host", "1", 1, 8)};
constexpr std::uint32_t kOptionCount = 1;
#else
constexpr const sb_option_desc *kOptions = nullptr;
constexpr std::uint32_t kOptionCount = 0;
#endif

#ifdef FIXTURE_DUPLICATE
constexpr const char *kName = "fixture-copy";
#else
constexpr const char *kName = "fixture-refused";
#endif

const sb_converter_desc kNothing = sb::sdk::describe<Nothing>({kName, "Must be refused", nullptr, kExtensions, ".out", kOptions, kOptionCount});
const sb_converter_desc *const kConverters[] = {&kNothing};

const sb_plugin_desc *get_plugin(const sb_host_info *) noexcept {
    static const sb_plugin_desc desc = {sizeof(sb_plugin_desc), "org.sb.test.refused", "0.0.0", 1, kConverters};
    return &desc;
}

} // namespace

#ifdef FIXTURE_NO_ENTRY
extern "C" SB_PLUGIN_EXPORT int sb_something_else(void) { return get_plugin(nullptr) != nullptr; }
#else
#if defined(FIXTURE_WRONG_MAJOR)
constexpr std::uint32_t kMajor = SB_ABI_VERSION_MAJOR + 1, kMinor = 0;
#elif defined(FIXTURE_NEWER_MINOR)
constexpr std::uint32_t kMajor = SB_ABI_VERSION_MAJOR, kMinor = SB_ABI_VERSION_MINOR + 1;
#else
constexpr std::uint32_t kMajor = SB_ABI_VERSION_MAJOR, kMinor = SB_ABI_VERSION_MINOR;
#endif
extern "C" SB_PLUGIN_EXPORT const sb_plugin_entry_t sb_plugin_entry;
extern "C" SB_PLUGIN_EXPORT const sb_plugin_entry_t sb_plugin_entry = {kMajor, kMinor, sizeof(sb_plugin_entry_t), &get_plugin};
#endif
