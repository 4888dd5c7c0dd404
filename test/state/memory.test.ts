import { createMemoryState } from '../../src/state/memory';
import { describeGatewayState } from './contract';

describeGatewayState('memory', async () => createMemoryState());
