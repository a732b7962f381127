module.exports = async () => {
  await globalThis.__embeddedPostgres?.stop();
};
