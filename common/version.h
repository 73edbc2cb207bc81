// runy's version, shared by runyd and runy.
#ifndef RUNY_COMMON_VERSION_H_
#define RUNY_COMMON_VERSION_H_

namespace runy {
inline constexpr char kVersion[] = "0.1.0";
inline constexpr char kApiPackage[] = "runy.v1";
}  // namespace runy

#endif  // RUNY_COMMON_VERSION_H_
