/* Test-rig stand-in for Windows 10's system ICU (icuuc.dll), which Wine 8.0 lacks and Qt6Core
 * links: the ucnv_* functions Qt imports, with every converter unavailable, so Qt falls back to
 * its own codecs. Built by test-windows-installer.sh into the test's Wine prefix only; never
 * shipped. */
#include <stddef.h>
#include <stdint.h>

#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)
typedef int UErrorCode;

static void unavailable(UErrorCode *error)
{
    if (error != NULL && *error <= 0)
        *error = U_FILE_ACCESS_ERROR;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *error) { (void)name; unavailable(error); return NULL; }
EXPORT void ucnv_close(void *converter) { (void)converter; }
EXPORT void ucnv_reset(void *converter) { (void)converter; }
EXPORT int8_t ucnv_getMaxCharSize(const void *converter) { (void)converter; return 1; }
EXPORT const char *ucnv_getName(const void *converter, UErrorCode *error) { (void)converter; unavailable(error); return NULL; }
EXPORT void ucnv_getToUCallBack(const void *c, void **action, const void **context) { (void)c; *action = NULL; *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *c, void **action, const void **context) { (void)c; *action = NULL; *context = NULL; }
EXPORT void ucnv_setToUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *error) { (void)c; (void)n; (void)nc; (void)o; (void)oc; unavailable(error); }
EXPORT void ucnv_setFromUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *error) { (void)c; (void)n; (void)nc; (void)o; (void)oc; unavailable(error); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const void *source, int32_t length, int32_t offset, UErrorCode *error) { (void)args; (void)source; (void)length; (void)offset; unavailable(error); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const void **source, const void *limit, int32_t offset, UErrorCode *error) { (void)args; (void)source; (void)limit; (void)offset; unavailable(error); }
EXPORT void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int32_t *o, int8_t f, UErrorCode *error) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; unavailable(error); }
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int32_t *o, int8_t f, UErrorCode *error) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; unavailable(error); }
EXPORT int32_t ucnv_toUCountPending(const void *c, UErrorCode *error) { (void)c; unavailable(error); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *c, UErrorCode *error) { (void)c; unavailable(error); return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *error) { (void)name; (void)standard; unavailable(error); return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const void *units, int32_t length, int32_t point, int reason, UErrorCode *error) { (void)context; (void)args; (void)units; (void)length; (void)point; (void)reason; unavailable(error); }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units, int32_t length, int reason, UErrorCode *error) { (void)context; (void)args; (void)units; (void)length; (void)reason; unavailable(error); }
