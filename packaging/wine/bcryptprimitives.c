/* Test-rig stand-in for Windows 10's bcryptprimitives.dll, which Wine 8.0 lacks: ProcessPrng,
 * imported by Rust >= 1.78 binaries (pydantic_core). Built by test-windows-installer.sh into the
 * test's Wine prefix only; never shipped. Random bytes from RtlGenRandom (advapi32). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
