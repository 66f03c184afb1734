console.error('npm start: the mock server is not yet available.');
process.exit(1);
