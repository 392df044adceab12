package io.vnft.api;

/**
 * Identifies one deployment of the protocol: a chain (its id and genesis block hash — every anvil
 * has chain id 31337, so the id alone cannot tell two apart) and the rollup contract on it. State
 * an operator keeps off chain (its journal) is bound to this value and set aside when it changes.
 * Immutable and thread-safe.
 *
 * <p>The constructor throws {@link InvalidInputException} if a field is missing or the chain id is not positive.
 *
 * @param chainId the EIP-155 chain id, &gt; 0
 * @param genesisHash the hash of block 0
 * @param rollup the Rollup contract's address
 */
public record Deployment(long chainId, Bytes32 genesisHash, Address rollup) {
  /**
   * Validates the components; throws {@link InvalidInputException} if a field is missing or the chain id
   * is not positive.
   *
   * @param chainId the EIP-155 chain id, &gt; 0
   * @param genesisHash the hash of block 0
   * @param rollup the Rollup contract's address
   */
  public Deployment {
    if (chainId <= 0) {
      throw new InvalidInputException("chainId: must be > 0, got " + chainId);
    }
    Checks.notNull("genesisHash", genesisHash);
    Checks.notNull("rollup", rollup);
  }

  /** @return {@code chainId:genesisHash:rollup}, one token without spaces (parsed by {@link #parse}) */
  public String key() {
    return chainId + ":" + genesisHash.hex() + ":" + rollup.hex();
  }

  /**
   * @param key what {@link #key()} returned
   * @return the deployment
   * @throws InvalidInputException if the key is malformed
   */
  public static Deployment parse(String key) {
    String[] f = key == null ? new String[0] : key.split(":");
    if (f.length != 3) {
      throw new InvalidInputException("deployment: expected chainId:genesisHash:rollup, got '" + key + "'");
    }
    try {
      return new Deployment(Long.parseLong(f[0]), Bytes32.fromHex(f[1]), Address.of(f[2]));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("deployment: chain id '" + f[0] + "' is not a number", e);
    }
  }
}
