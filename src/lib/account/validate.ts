/** Sign-in form validation with the shared schemas; messages are "Indonesian / English" like the schemas'. */
import { signInRequestSchema } from '../../shared/api';

export interface SignInFieldErrors {
  login?: string;
  password?: string;
}

export function validateSignIn(login: string, password: string): SignInFieldErrors {
  const parsed = signInRequestSchema.safeParse({ login, password });
  if (parsed.success) return {};
  const errors: SignInFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'login') errors.login ??= issue.message;
    if (field === 'password') errors.password ??= 'Isi kata sandi / enter your password';
  }
  return errors;
}
