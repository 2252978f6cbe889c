/**
 * What a person is told where they turn on SMS codes (ASVS 5.0 6.6.1; NIST SP 800-63B §5.1.3.3
 * calls the phone network a restricted authenticator). The API answers it and the web page
 * shows the same words; no zod here, so the web app can import it as a value.
 */
export const SMS_SIM_SWAP_WARNING = {
  code: 'sms_sim_swap',
  message:
    'Text messages are the weakest second step: someone who takes over your phone number (a SIM swap) receives your codes. ' +
    'An authenticator app or a passkey is safer; add one if you can.',
} as const;
