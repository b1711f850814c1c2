/* Test-rig stand-in for mscms.dll: Qt's qwindows plugin reads the monitor's colour profile, and
 * Wine 8.0's WcsCreateIccProfile aborts. Each function fails politely (no profile), as on a
 * Windows without one. Built by test-windows-installer.sh into the test's Wine prefix only, loaded
 * with WINEDLLOVERRIDES mscms=n; never shipped. */
#include <windows.h>

#define EXPORT __declspec(dllexport)

EXPORT HANDLE WINAPI OpenColorProfileW(void *profile, DWORD access, DWORD share, DWORD creation)
{
    (void)profile; (void)access; (void)share; (void)creation;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}

EXPORT BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }

EXPORT BOOL WINAPI GetColorProfileFromHandle(HANDLE profile, BYTE *buffer, DWORD *size)
{
    (void)profile; (void)buffer; (void)size;
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

EXPORT HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD intent)
{
    (void)profile; (void)intent;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
