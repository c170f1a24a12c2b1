// The app's zod messages (Indonesian / English), installed as the phone's entry and the server's app do.
import { installZodMessages } from '../src/shared/zod-messages';

installZodMessages();
