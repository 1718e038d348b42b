/* lib/cs.h: the one place ClearSilver is included, undoing the package macros its cs_config.h clobbers. */
#ifndef CERTDESK_CS_H
#define CERTDESK_CS_H
#include <ClearSilver.h>
#undef PACKAGE
#undef PACKAGE_NAME
#undef PACKAGE_STRING
#undef PACKAGE_TARNAME
#undef PACKAGE_VERSION
#undef PACKAGE_BUGREPORT
#undef PACKAGE_URL
#undef VERSION
#include "config.h"
#endif
