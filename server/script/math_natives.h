// I.math: native Math functions for the ones Duktape lacks or rounds other
// than node (js/builtins.js installs them before core-js looks): glibc's
// libm, and fdlibm's cbrt, the one V8 uses (glibc's gives
// Math.cbrt(27) = 3.0000000000000004).
#ifndef RUNY_SERVER_SCRIPT_MATH_NATIVES_H_
#define RUNY_SERVER_SCRIPT_MATH_NATIVES_H_

#include "duktape.h"

namespace runy::script {

// Pushes an object of the functions (cbrt, expm1, log1p, log2, log10,
// sinh, cosh, tanh, asinh, acosh, atanh). May throw (allocation).
void PushMathNatives(duk_context* ctx);

// The cube root as fdlibm (and so node) computes it.
double FdlibmCbrt(double x);

}  // namespace runy::script

#endif  // RUNY_SERVER_SCRIPT_MATH_NATIVES_H_
