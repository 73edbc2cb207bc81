#include "server/script/math_natives.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "server/script/native.h"

namespace runy::script {
namespace {

template <double (*F)(double)>
duk_ret_t JsMath(duk_context* ctx) {
  duk_push_number(ctx, F(duk_to_number(ctx, 0)));
  return 1;
}

double Cbrt(double x) { return FdlibmCbrt(x); }

struct MathFunction {
  const char* name;
  duk_c_function fn;
};
constexpr MathFunction kMathFunctions[] = {
    {"cbrt", &JsMath<Cbrt>},        {"expm1", &JsMath<std::expm1>},
    {"log1p", &JsMath<std::log1p>}, {"log2", &JsMath<std::log2>},
    {"log10", &JsMath<std::log10>}, {"sinh", &JsMath<std::sinh>},
    {"cosh", &JsMath<std::cosh>},   {"tanh", &JsMath<std::tanh>},
    {"asinh", &JsMath<std::asinh>}, {"acosh", &JsMath<std::acosh>},
    {"atanh", &JsMath<std::atanh>},
};

}  // namespace

void PushMathNatives(duk_context* ctx) {
  duk_push_object(ctx);
  for (const MathFunction& f : kMathFunctions) {
    PutNativeFunction(ctx, -1, f.name, f.fn, 1, nullptr);
  }
}

// fdlibm's s_cbrt.c (FreeBSD msun), which carries this notice:
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunPro, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is
//   freely granted, provided that this notice is preserved.
// A first estimate from the exponent bits, a polynomial step to 23 bits,
// rounding to 21 bits, then one Newton step to full precision.
double FdlibmCbrt(double x) {
  constexpr uint32_t kB1 = 715094163;  // (1023 - 1023/3 - 0.03306235651) * 2^20
  constexpr uint32_t kB2 =
      696219795;  // (1023 - 1023/3 - 54/3 - 0.033...) * 2^20
  constexpr double kP0 = 1.87595182427177009643;
  constexpr double kP1 = -1.88497979543377169875;
  constexpr double kP2 = 1.621429720105354466140;
  constexpr double kP3 = -0.758397934778766047437;
  constexpr double kP4 = 0.145996192886612446982;
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  uint32_t high = static_cast<uint32_t>(bits >> 32);
  uint32_t low = static_cast<uint32_t>(bits);
  uint32_t sign = high & 0x80000000u;
  high &= 0x7fffffffu;
  if (high >= 0x7ff00000u) return x + x;  // NaN, infinities
  uint64_t t_bits;
  double t;
  if (high < 0x00100000u) {  // zero or subnormal
    if ((high | low) == 0) return x;
    t_bits = uint64_t{0x43500000u} << 32;  // 2^54
    std::memcpy(&t, &t_bits, sizeof t);
    t *= x;
    std::memcpy(&t_bits, &t, sizeof t_bits);
    uint32_t t_high = static_cast<uint32_t>(t_bits >> 32) & 0x7fffffffu;
    t_bits = uint64_t{sign | (t_high / 3 + kB2)} << 32;
  } else {
    t_bits = uint64_t{sign | (high / 3 + kB1)} << 32;
  }
  std::memcpy(&t, &t_bits, sizeof t);
  double r = (t * t) * (t / x);
  t = t * ((kP0 + r * (kP1 + r * kP2)) + ((r * r) * r) * (kP3 + r * kP4));
  std::memcpy(&t_bits, &t, sizeof t_bits);
  t_bits = (t_bits + 0x80000000u) & 0xffffffffc0000000ull;
  std::memcpy(&t, &t_bits, sizeof t);
  double s = t * t;
  r = x / s;
  double w = t + t;
  r = (r - t) / (w + r);
  return t + t * r;
}

}  // namespace runy::script
