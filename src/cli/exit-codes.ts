/**
 * Exit codes of the `finmatch` command. Scripts can branch on them.
 *
 * @module
 */

/** Success: the command did what was asked and found nothing wrong. */
export const EXIT_OK = 0;
/** Invalid data was found (`validate` found a bad line), or the data could not be processed. */
export const EXIT_INVALID_DATA = 1;
/** Usage error: unknown command or option, a missing or malformed argument, an unreadable input file. */
export const EXIT_USAGE = 2;
